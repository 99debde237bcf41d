package io.github.xrayspring.library;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Fills the library at startup (no span is current, so these statements are not traced).
 *
 * @author xray-spring-boot-starter team
 */
@Component
class LibrarySeeder implements ApplicationRunner {

	private static final String[][] CATALOG = { { "Ursula K. Le Guin", "A Wizard of Earthsea", "The Dispossessed" },
			{ "Octavia E. Butler", "Kindred", "Parable of the Sower" },
			{ "Terry Pratchett", "Guards! Guards!", "Small Gods", "Night Watch" },
			{ "Iain M. Banks", "The Player of Games" }, { "N. K. Jemisin", "The Fifth Season" },
			{ "Ted Chiang", "Stories of Your Life and Others" }, { "Ann Leckie", "Ancillary Justice" },
			{ "Becky Chambers", "A Closed and Common Orbit" } };

	private final AuthorRepository authors;

	private final BookRepository books;

	LibrarySeeder(AuthorRepository authors, BookRepository books) {
		this.authors = authors;
		this.books = books;
	}

	@Override
	@Transactional
	public void run(ApplicationArguments args) {
		if (this.authors.count() > 0) {
			return;
		}
		List<Book> all = new ArrayList<>();
		for (String[] entry : CATALOG) {
			Author author = this.authors.save(new Author(entry[0]));
			for (int i = 1; i < entry.length; i++) {
				all.add(new Book(entry[i], author));
			}
		}
		this.books.saveAll(all);
	}

}
