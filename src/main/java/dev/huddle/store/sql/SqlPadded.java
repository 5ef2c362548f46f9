package dev.huddle.store.sql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Values a read names in a list of parameters ({@code IN (?, ?, …)}, a condition per value), cut
 * into lists of a few fixed sizes, each padded by repeating its last value: a few statement texts
 * whatever the count, so that PostgreSQL keeps each one's prepared plan (and pgjdbc its cached
 * query). Repeating a value changes no answer of such a read.
 */
final class SqlPadded {

    /** The sizes of the lists; more values than the largest go in several. */
    private static final int[] SIZES = {1, 4, 16, 64};

    private SqlPadded() {}

    /** {@code values} (not empty) in padded lists, in order; each value in exactly one. */
    static <T> List<List<T>> lists(List<T> values) {
        List<List<T>> lists = new ArrayList<>();
        for (int from = 0; from < values.size(); ) {
            int n = Math.min(values.size() - from, SIZES[SIZES.length - 1]);
            int size = Arrays.stream(SIZES).filter(s -> s >= n).findFirst().orElseThrow();
            List<T> list = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                list.add(values.get(from + Math.min(i, n - 1)));
            }
            lists.add(list);
            from += n;
        }
        return lists;
    }
}
