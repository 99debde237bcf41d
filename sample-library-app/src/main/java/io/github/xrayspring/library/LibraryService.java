package io.github.xrayspring.library;

import java.util.List;
import java.util.NoSuchElementException;

import io.github.xrayspring.annotation.XRayAnnotate;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The library's transactions.
 *
 * @author xray-spring-boot-starter team
 */
@Service
public class LibraryService {

	private final AuthorRepository authors;

	private final BookRepository books;

	LibraryService(AuthorRepository authors, BookRepository books) {
		this.authors = authors;
		this.books = books;
	}

	@Transactional(readOnly = true)
	public AuthorView author(long id) {
		Author author = this.authors.findById(id).orElseThrow(() -> new NoSuchElementException("No author " + id));
		return AuthorView.of(author);
	}

	/**
	 * Every author with the number of books: walks the lazy relation once per author, the
	 * classic N+1 that X-Ray shows as {@code sql_n_plus_one}.
	 * @return the summaries
	 */
	@Transactional(readOnly = true)
	public List<AuthorSummary> summaries() {
		return this.authors.findAll()
			.stream()
			.map((author) -> new AuthorSummary(author.getId(), author.getName(), author.getBooks().size()))
			.toList();
	}

	@Transactional(readOnly = true)
	public List<AuthorSummary> search(String name) {
		return this.authors.findByNameContainingIgnoreCase(name)
			.stream()
			.map((author) -> new AuthorSummary(author.getId(), author.getName(),
					this.books.countByAuthorId(author.getId())))
			.toList();
	}

	/**
	 * Adds books in one transaction; Hibernate sends the inserts as JDBC batches.
	 * @param authorId the author
	 * @param titles the titles
	 * @return the author with the new books
	 */
	@Transactional
	@XRayAnnotate(key = "books_added", value = "#titles.size()")
	public AuthorView addBooks(long authorId, List<String> titles) {
		Author author = this.authors.findById(authorId)
			.orElseThrow(() -> new NoSuchElementException("No author " + authorId));
		List<Book> added = this.books.saveAll(titles.stream().map((title) -> new Book(title, author)).toList());
		author.getBooks().addAll(added);
		return AuthorView.of(author);
	}

	/**
	 * An author and the titles of the books.
	 *
	 * @param id the ID
	 * @param name the name
	 * @param books the titles
	 */
	public record AuthorView(long id, String name, List<String> books) {

		static AuthorView of(Author author) {
			return new AuthorView(author.getId(), author.getName(),
					author.getBooks().stream().map(Book::getTitle).toList());
		}

	}

	/**
	 * An author and the number of books.
	 *
	 * @param id the ID
	 * @param name the name
	 * @param books the number of books
	 */
	public record AuthorSummary(long id, String name, long books) {

	}

}
