package io.garrison.engine;

import java.util.Iterator;

/**
 * A program whose pool maps over a source far longer than its heap could hold, for {@link LazyImapHeapTest}:
 * the source gives 0, 1, ... up to the count it is given, then throws; it prints how many results came before
 * the source's error, their sum and the error's message.
 */
final class LazyImapParent {

    private LazyImapParent() {
    }

    public static void main(String[] args) {
        int inputs = Integer.parseInt(args[0]);
        Iterator<Integer> source = new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                if (next == inputs) {
                    throw new IllegalStateException("the source broke after " + inputs + " inputs");
                }
                return true;
            }

            @Override
            public Integer next() {
                return next++;
            }
        };
        long results = 0;
        long sum = 0;
        try (ProcessPool pool = ProcessPool.create(2)) {
            Iterator<Integer> odd = pool.imap(x -> x & 1, source, 1000);
            while (odd.hasNext()) {
                sum += odd.next();
                results++;
            }
            System.out.println("no error after " + results + " results");
        } catch (IllegalStateException sourceError) {
            System.out.println("results " + results + " sum " + sum + " then: " + sourceError.getMessage());
        }
    }
}
