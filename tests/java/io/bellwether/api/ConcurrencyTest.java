package io.bellwether.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Eight threads calling decide and compare at once get the answers one thread gets. */
class ConcurrencyTest {
    private static final int THREADS = 8;
    private static final int CALLS_PER_THREAD = 300;

    @Test
    void eightThreadsGetCorrectAnswers() throws Exception {
        List<String> requests = new ArrayList<>();
        List<Boolean> isDecide = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            requests.add("{\"changes\": {\"la\": " + (20 + 97 * i) + ", \"ld\": " + (3 * i) + ", \"nf\": " + (1 + i)
                    + ", \"criticality\": \"high\"}, \"at\": " + (1795428000L + 3600L * i) + ", \"policy_path\": "
                    + Fixtures.quote(Fixtures.example("policy.yaml").toString()) + "}");
            isDecide.add(true);
            requests.add("{\"baseline\": [1, 2, 3, 4, 5, 6], \"candidate\": [" + i + ", " + (i + 1.5) + ", " + (i * 2)
                    + ", 7, 8], \"alternative\": \"two-sided\"}");
            isDecide.add(false);
        }
        List<String> expected = new ArrayList<>();
        for (int r = 0; r < requests.size(); r++) {
            expected.add(call(isDecide.get(r), requests.get(r)));
        }

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                final int thread = t;
                Callable<Integer> work = () -> {
                    start.await();
                    int checked = 0;
                    for (int c = 0; c < CALLS_PER_THREAD; c++) {
                        int r = (thread * 7 + c) % requests.size();
                        assertEquals(expected.get(r), call(isDecide.get(r), requests.get(r)));
                        checked++;
                    }
                    return checked;
                };
                results.add(pool.submit(work));
            }
            start.countDown();
            for (Future<Integer> result : results) {
                assertEquals(CALLS_PER_THREAD, result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String call(boolean decide, String request) {
        return decide ? Bellwether.decide(request) : Bellwether.compare(request);
    }
}
