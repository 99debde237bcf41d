package io.github.xrayspring.library;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * A library service written the way services are: Spring Data JPA on PostgreSQL, Spring
 * Security, {@code @Async}, {@code @Scheduled} and virtual threads. Its traces show what
 * the starter sends to X-Ray from such an application.
 *
 * @author xray-spring-boot-starter team
 */
@SpringBootApplication
@EnableAsync
@EnableScheduling
public class LibraryApplication {

	public static void main(String[] args) {
		SpringApplication.run(LibraryApplication.class, args);
	}

}
