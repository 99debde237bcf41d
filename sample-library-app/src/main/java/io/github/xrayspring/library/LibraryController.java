package io.github.xrayspring.library;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import io.github.xrayspring.XRay;
import io.github.xrayspring.annotation.XRayAnnotate;
import io.github.xrayspring.annotation.XRayAnnotate.Phase;
import io.github.xrayspring.library.LibraryService.AuthorSummary;
import io.github.xrayspring.library.LibraryService.AuthorView;
import io.github.xrayspring.library.StatisticsService.Count;
import io.opentelemetry.api.trace.Span;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The library's HTTP API, behind basic authentication.
 *
 * @author xray-spring-boot-starter team
 */
@RestController
public class LibraryController {

	private final LibraryService library;

	private final StatisticsService statistics;

	private final CatalogClient catalog;

	LibraryController(LibraryService library, StatisticsService statistics, CatalogClient catalog) {
		this.library = library;
		this.statistics = statistics;
		this.catalog = catalog;
	}

	@GetMapping("/authors/{id}")
	@XRayAnnotate(key = "author_id", value = "#id", when = Phase.BEFORE)
	@XRayAnnotate(key = "book_count", value = "#result.books().size()")
	public AuthorView author(@PathVariable long id) {
		return this.library.author(id);
	}

	@GetMapping("/authors/summary")
	public List<AuthorSummary> summaries() {
		return this.library.summaries();
	}

	@GetMapping("/authors")
	public List<AuthorSummary> search(@RequestParam String name) {
		return this.library.search(name);
	}

	@PostMapping("/authors/{id}/books")
	@XRayAnnotate(key = "author_id", value = "#id", when = Phase.BEFORE)
	@XRayAnnotate(key = "titles", value = "#request.titles().size()", when = Phase.BEFORE)
	public AuthorView addBooks(@PathVariable long id, @RequestBody NewBooks request) {
		return this.library.addBooks(id, request.titles());
	}

	/**
	 * Counts the books on another thread and reports where, with the span that was
	 * current here, to show that the count ran under it.
	 * @return the count and its context
	 */
	@GetMapping("/statistics/books")
	public Map<String, Object> countBooks() {
		String caller = Span.current().getSpanContext().getSpanId();
		Count count = this.statistics.countAsync().join();
		XRay.metadata("book_count", count);
		return Map.of("books", count.books(), "thread", count.thread(), "traceId", count.traceId(), "mdc",
				(count.mdc() != null) ? count.mdc() : "", "callerSpanId", caller, "requestThread",
				Thread.currentThread().toString());
	}

	@GetMapping("/authors/{id}/catalog")
	public Map<String, Object> catalog(@PathVariable long id) {
		AuthorView author = this.library.author(id);
		return this.catalog.details(author.books().isEmpty() ? author.name() : author.books().get(0));
	}

	@ExceptionHandler(NoSuchElementException.class)
	@ResponseStatus(HttpStatus.NOT_FOUND)
	Map<String, String> notFound(NoSuchElementException ex) {
		return Map.of("error", ex.getMessage());
	}

	/**
	 * Titles to add.
	 *
	 * @param titles the titles
	 */
	public record NewBooks(List<String> titles) {

	}

}
