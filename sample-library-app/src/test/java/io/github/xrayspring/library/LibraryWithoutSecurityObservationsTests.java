package io.github.xrayspring.library;

import java.util.List;

import io.github.xrayspring.testsupport.OtlpReceiver.ReceivedSpan;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's recommendation for Spring Security's observations: switched off, a request
 * is its segment and its SQL subsegments, with the user and annotations unchanged.
 *
 * @author xray-spring-boot-starter team
 */
@TestPropertySource(properties = "management.observations.enable.spring.security=false")
class LibraryWithoutSecurityObservationsTests extends LibraryEndToEndTests {

	@Test
	void requestHasNoSecuritySubsegmentsAndKeepsUserAndAnnotations() throws Exception {
		assertThat(get("/authors/1").statusCode()).isEqualTo(200);
		ReceivedSpan server = awaitServerSpan("/authors/1");
		assertThat(server.attribute("enduser.id").getStringValue()).isEqualTo("librarian");
		assertThat(annotationKeys(server)).contains("author_id", "book_count");
		List<ReceivedSpan> sql = receiver.await(
				(span) -> span.traceId().equals(server.traceId()) && span.span().getName().equals("SELECT library"), 2);
		assertThat(sql).allSatisfy((span) -> assertThat(span.parentSpanId()).isEqualTo(server.spanId()));
		assertThat(trace(server.traceId())).extracting((span) -> span.span().getName())
			.noneMatch((name) -> name.startsWith("security") || name.equals("secured request")
					|| name.startsWith("authorize") || name.startsWith("authenticate"));
	}

}
