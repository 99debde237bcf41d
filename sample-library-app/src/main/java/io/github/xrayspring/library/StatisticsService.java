package io.github.xrayspring.library;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import io.github.xrayspring.XRay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Counts in the background: on request with {@code @Async}, and on a schedule.
 *
 * @author xray-spring-boot-starter team
 */
@Service
public class StatisticsService {

	private static final Logger logger = LoggerFactory.getLogger(StatisticsService.class);

	private final BookRepository books;

	private final AtomicLong lastCount = new AtomicLong(-1);

	StatisticsService(BookRepository books) {
		this.books = books;
	}

	/**
	 * Counts the books on the application's task executor.
	 * @return the count, with where it was taken
	 */
	@Async
	public CompletableFuture<Count> countAsync() {
		long count = this.books.count();
		logger.info("Counted {} books", count);
		return CompletableFuture.completedFuture(new Count(count, Thread.currentThread().toString(),
				XRay.currentTraceId(), MDC.get("AWS-XRAY-TRACE-ID")));
	}

	/**
	 * Refreshes the book count; each run is a trace of its own.
	 */
	@Scheduled(fixedDelayString = "${library.statistics.refresh-interval:PT1M}",
			initialDelayString = "${library.statistics.refresh-interval:PT1M}")
	public void refresh() {
		this.lastCount.set(this.books.count());
	}

	public long lastCount() {
		return this.lastCount.get();
	}

	/**
	 * A count and the context it was taken in.
	 *
	 * @param books the number of books
	 * @param thread the thread that counted
	 * @param traceId the X-Ray trace ID current while counting
	 * @param mdc the MDC entry {@code AWS-XRAY-TRACE-ID} while counting
	 */
	public record Count(long books, String thread, String traceId, String mdc) {

	}

}
