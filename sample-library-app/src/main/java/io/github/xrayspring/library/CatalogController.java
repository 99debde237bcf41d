package io.github.xrayspring.library;

import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Plays the catalog service that {@link CatalogClient} calls: a downstream service with
 * no authentication.
 *
 * @author xray-spring-boot-starter team
 */
@RestController
public class CatalogController {

	@GetMapping("/catalog")
	public Map<String, Object> details(@RequestParam String title) {
		return Map.of("title", title, "editions", title.length() % 4 + 1);
	}

}
