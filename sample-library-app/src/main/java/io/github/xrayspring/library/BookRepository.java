package io.github.xrayspring.library;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * Books.
 *
 * @author xray-spring-boot-starter team
 */
public interface BookRepository extends JpaRepository<Book, Long> {

	long countByAuthorId(long authorId);

}
