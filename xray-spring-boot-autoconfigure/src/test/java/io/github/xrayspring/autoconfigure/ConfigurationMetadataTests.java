package io.github.xrayspring.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.StreamUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the generated configuration metadata, the README's property table and the
 * auto-configuration imports, as Spring Boot's own build does.
 *
 * @author xray-spring-boot-starter team
 */
class ConfigurationMetadataTests {

	@Test
	void everyPropertyHasADescription() throws IOException {
		Map<String, Map<String, Object>> properties = metadata();
		assertThat(properties).isNotEmpty();
		properties.forEach((name,
				property) -> assertThat((String) property.get("description")).as(name).isNotBlank().endsWith("."));
	}

	@Test
	void readmeTableListsEveryPropertyWithItsDefault() throws IOException {
		Map<String, Map<String, Object>> properties = metadata();
		Map<String, String> readme = readmeTable();
		assertThat(readme.keySet()).containsExactlyInAnyOrderElementsOf(properties.keySet());
		properties.forEach((name, property) -> {
			Object defaultValue = property.get("defaultValue");
			if (defaultValue != null && !(defaultValue instanceof List<?> list && list.isEmpty())) {
				assertThat(readme.get(name)).as(name).isEqualTo(String.valueOf(defaultValue).toLowerCase());
			}
		});
	}

	@Test
	@SuppressWarnings("unchecked")
	void formerAnnotateSwitchIsDeprecatedInFavourOfTheNewName() throws IOException {
		try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			Map<String, Object> json = JsonParserFactory.getJsonParser()
				.parseMap(StreamUtils.copyToString(in, StandardCharsets.UTF_8));
			Map<String, Object> former = ((List<Map<String, Object>>) json.get("properties")).stream()
				.filter((property) -> "xray.web.annotate.enabled".equals(property.get("name")))
				.findFirst()
				.orElseThrow();
			assertThat((Map<String, Object>) former.get("deprecation")).containsEntry("replacement",
					"xray.annotations.xray-annotate.enabled");
		}
	}

	@Test
	void autoConfigurationsAreSortedPublicFinalAndAnnotated() throws Exception {
		String imports = StreamUtils.copyToString(new ClassPathResource(
				"META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports")
			.getInputStream(), StandardCharsets.UTF_8);
		List<String> names = imports.lines().map(String::trim).filter((line) -> !line.isEmpty()).toList();
		assertThat(names).isSorted().doesNotHaveDuplicates();
		for (String name : names) {
			Class<?> type = Class.forName(name);
			assertThat(type).hasAnnotation(AutoConfiguration.class);
			assertThat(Modifier.isPublic(type.getModifiers()) && Modifier.isFinal(type.getModifiers())).as(name)
				.isTrue();
			assertThat(type.getSimpleName()).endsWith("AutoConfiguration");
			AutoConfiguration annotation = type.getAnnotation(AutoConfiguration.class);
			for (Class<?> ordered : concat(annotation.before(), annotation.after())) {
				// an app without that module would log a failed introspection: use
				// beforeName/afterName
				assertThat(ordered.getName()).as("%s ordered by class literal", name)
					.startsWith("org.springframework.boot.micrometer.tracing.opentelemetry.");
			}
		}
	}

	private static List<Class<?>> concat(Class<?>[] first, Class<?>[] second) {
		List<Class<?>> all = new java.util.ArrayList<>(List.of(first));
		all.addAll(List.of(second));
		return all;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Map<String, Object>> metadata() throws IOException {
		try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			Map<String, Object> json = JsonParserFactory.getJsonParser()
				.parseMap(StreamUtils.copyToString(in, StandardCharsets.UTF_8));
			Map<String, Map<String, Object>> properties = new TreeMap<>();
			for (Object property : (List<Object>) json.get("properties")) {
				Map<String, Object> map = (Map<String, Object>) property;
				if (((String) map.get("name")).startsWith("xray.") && map.get("deprecation") == null) {
					properties.put((String) map.get("name"), map);
				}
			}
			return properties;
		}
	}

	private static Map<String, String> readmeTable() throws IOException {
		Map<String, String> rows = new LinkedHashMap<>();
		for (String line : Files.readAllLines(Path.of("..", "README.md"))) {
			if (line.startsWith("| `xray.")) {
				String[] cells = line.split("\\|");
				String key = cells[1].trim().replace("`", "");
				String defaultValue = cells[2].trim().replace("`", "").toLowerCase();
				rows.put(key, defaultValue);
			}
		}
		return rows;
	}

}
