package dev.replydesk.knowledge;

import java.util.Arrays;
import java.util.Collection;

/**
 * A compact, immutable set of terms for membership tests: sorted 64-bit hashes, eight bytes a
 * term. Snapshots hold several per entry, so on a large knowledge base this keeps memory and
 * garbage collection small. Two different terms sharing a 64-bit hash is astronomically unlikely
 * and would at worst count one false match.
 */
final class TermSet {
    static final TermSet EMPTY = new TermSet(new long[0]);

    private final long[] hashes;

    private TermSet(long[] hashes) {
        this.hashes = hashes;
    }

    static TermSet of(Collection<String> terms) {
        long[] h = new long[terms.size()];
        int i = 0;
        for (String t : terms) {
            h[i++] = hash(t);
        }
        Arrays.sort(h);
        int n = 0;
        for (int k = 0; k < h.length; k++) {
            if (k == 0 || h[k] != h[k - 1]) {
                h[n++] = h[k];
            }
        }
        return new TermSet(n == h.length ? h : Arrays.copyOf(h, n));
    }

    /** A set from hashes as {@link #hashes()} gave them (sorted, distinct), e.g. read back from the index cache. */
    static TermSet ofHashes(long[] hashes) {
        for (int k = 1; k < hashes.length; k++) {
            if (hashes[k] <= hashes[k - 1]) {
                throw new IllegalArgumentException("term hashes must be sorted and distinct");
            }
        }
        return hashes.length == 0 ? EMPTY : new TermSet(hashes.clone());
    }

    /** The sorted, distinct hashes (a copy). */
    long[] hashes() {
        return hashes.clone();
    }

    boolean contains(String term) {
        return Arrays.binarySearch(hashes, hash(term)) >= 0;
    }

    int size() {
        return hashes.length;
    }

    /** FNV-1a over the UTF-16 code units, then a final mix (from SplitMix64). */
    static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
