/**
 * The command line and the wiring: {@code Main} picks a command; {@code Wiring} and
 * {@code Features} build and connect the services; {@code RunCommand.Bot} adds the Telegram
 * transport, {@code TryCommand} a terminal one.
 *
 * <p>The only package that knows every feature. Holds no business rules of its own.
 */
package dev.replydesk.app;
