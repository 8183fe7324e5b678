# replydesk — multi-stage build: the Maven wrapper builds the jar, a JRE runs it as a non-root user.
FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -ntp -q dependency:go-offline
COPY src src
COPY config config
RUN ./mvnw -B -ntp -q package -DskipTests

FROM eclipse-temurin:21-jre
RUN groupadd --system replydesk && useradd --system --gid replydesk --home-dir /app replydesk
WORKDIR /app
COPY --from=build /src/target/replydesk.jar /app/replydesk.jar
COPY config /app/config
COPY knowledge-base /app/knowledge-base
RUN mkdir -p /app/data && chown -R replydesk:replydesk /app
USER replydesk
# data/: the H2 store; config/: replydesk.yml and rule files; knowledge-base/: Markdown answers
VOLUME ["/app/data", "/app/config", "/app/knowledge-base"]
# The token comes from the environment, never from the image: docker run -e TELEGRAM_BOT_TOKEN=...
ENV TELEGRAM_BOT_TOKEN=""
# only for webhook mode (webhook.listen); long polling needs no inbound port
EXPOSE 8443
# the JVM writes a class-data archive of the classes a run loaded when it stops, and maps it at the
# next start: about a quarter less CPU to be ready (BENCHMARKS.md, "Load and resources"); a new jar
# makes it write a fresh one
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+AutoCreateSharedArchive", \
            "-XX:SharedArchiveFile=/app/data/replydesk.jsa", "-jar", "/app/replydesk.jar"]
CMD ["run", "--config", "/app/config/replydesk.yml"]
