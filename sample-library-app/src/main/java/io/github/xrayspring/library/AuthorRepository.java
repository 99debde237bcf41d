package io.github.xrayspring.library;

import java.util.List;

import io.github.xrayspring.annotation.XRayAnnotate;
import io.github.xrayspring.annotation.XRayAnnotate.Phase;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * Authors, with X-Ray annotations declared on the repository interface.
 *
 * @author xray-spring-boot-starter team
 */
public interface AuthorRepository extends JpaRepository<Author, Long> {

	@XRayAnnotate(key = "author_query", value = "#name?.toLowerCase()", when = Phase.BEFORE)
	@XRayAnnotate(key = "authors_found", value = "#result.size()")
	List<Author> findByNameContainingIgnoreCase(String name);

}
