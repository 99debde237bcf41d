import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Soak load: sends GET requests to the given URLs from a few threads until the given
 * number of seconds has passed, then prints the count, the 5xx/errors and the mean
 * latency. Usage: java Load.java SECONDS THREADS URL...
 */
public class Load {

	public static void main(String[] args) throws Exception {
		long seconds = Long.parseLong(args[0]);
		int threads = Integer.parseInt(args[1]);
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
		AtomicLong requests = new AtomicLong();
		AtomicLong failures = new AtomicLong();
		AtomicLong nanos = new AtomicLong();
		Thread[] workers = new Thread[threads];
		for (int t = 0; t < threads; t++) {
			int offset = t;
			workers[t] = new Thread(() -> {
				long i = offset;
				while (System.nanoTime() < deadline) {
					String url = args[2 + (int) (i++ % (args.length - 2))];
					long start = System.nanoTime();
					try {
						HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create(url))
							.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
						if (response.statusCode() >= 500) {
							failures.incrementAndGet();
						}
					}
					catch (Exception ex) {
						failures.incrementAndGet();
					}
					nanos.addAndGet(System.nanoTime() - start);
					requests.incrementAndGet();
				}
			});
			workers[t].start();
		}
		for (Thread worker : workers) {
			worker.join();
		}
		long count = Math.max(1, requests.get());
		System.out.printf("requests=%d failures=%d mean_ms=%.2f rps=%.1f%n", requests.get(), failures.get(),
				nanos.get() / 1e6 / count, requests.get() / (double) seconds);
	}

}
