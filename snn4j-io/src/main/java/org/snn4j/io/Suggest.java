package org.snn4j.io;

/** The nearest known name to a misspelt one, for "did you mean" messages. */
final class Suggest {
    private Suggest() {
    }

    /**
     * The allowed name closest to {@code name} by edit distance (insertions, deletions, substitutions
     * and swaps of neighbours count 1), if it is close enough to be a typo: at most 2 edits, and fewer
     * than half the name's length; or the allowed name that is this one with its unit suffix
     * ({@code dt} for {@code dt_s}); else null.
     */
    static String nearest(String name, String... allowed) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String a : allowed) {
            if (!name.isEmpty() && a.startsWith(name + "_")) {
                return a;
            }
        }
        for (String a : allowed) {
            int d = distance(name.toLowerCase(java.util.Locale.ROOT), a);
            if (d < bestDistance) {
                bestDistance = d;
                best = a;
            }
        }
        return bestDistance <= 2 && 2 * bestDistance < Math.max(name.length(), 2) ? best : null;
    }

    /** Optimal string alignment distance (Damerau-Levenshtein without repeated edits of one substring). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
