package io.github.xrayspring.library;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.github.xrayspring.testsupport.OtlpReceiver.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.boot.json.JsonParserFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end tests of the library: requests through Spring Security to JPA on PostgreSQL,
 * spans decoded by an OTLP/HTTP receiver.
 *
 * @author xray-spring-boot-starter team
 */
class LibraryTracingTests extends LibraryEndToEndTests {

	@Test
	void userAndControllerAnnotationsLandOnTheSegmentUnderSpringSecurity() throws Exception {
		assertThat(get("/authors/1").statusCode()).isEqualTo(200);
		ReceivedSpan server = awaitServerSpan("/authors/1");
		assertThat(server.parentSpanId()).isEmpty();
		assertThat(server.attribute("enduser.id").getStringValue()).isEqualTo("librarian");
		assertThat(server.attribute("author_id").getIntValue()).isEqualTo(1);
		assertThat(server.attribute("book_count").getIntValue()).isEqualTo(2);
		assertThat(annotationKeys(server)).contains("author_id", "book_count");
		// Spring Security's observations are still there, between the segment and the SQL
		ReceivedSpan secured = receiver.awaitOne(
				(span) -> span.traceId().equals(server.traceId()) && span.span().getName().equals("secured request"));
		assertThat(secured.attribute("enduser.id").getStringValue()).isEmpty();
		assertThat(secured.attribute("author_id").getIntValue()).isZero();
		// Security's five spans per request, as the README counts them
		assertThat(trace(server.traceId())).extracting((span) -> span.span().getName())
			.filteredOn((name) -> name.startsWith("security") || name.equals("secured request")
					|| name.startsWith("authorize") || name.startsWith("authenticate"))
			.containsExactlyInAnyOrder("security filterchain before", "authenticate usernamepassword",
					"authorize request", "secured request", "security filterchain after");
	}

	@Test
	void repositoryInterfaceAnnotationsCallInstanceMethodsAndLandOnTheCurrentSpan() throws Exception {
		assertThat(get("/authors?name=LE").statusCode()).isEqualTo(200);
		ReceivedSpan server = awaitServerSpan("/authors");
		ReceivedSpan annotated = receiver.awaitOne(
				(span) -> span.traceId().equals(server.traceId()) && span.span().getName().equals("secured request"));
		assertThat(annotated.attribute("author_query").getStringValue()).isEqualTo("le");
		assertThat(annotated.attribute("authors_found").getIntValue()).isEqualTo(3);
		assertThat(annotationKeys(annotated)).contains("author_query", "authors_found");
	}

	@Test
	void batchInsertsAreOneSqlSpanPerBatch() throws Exception {
		String titles = IntStream.rangeClosed(1, 25)
			.mapToObj((i) -> "\"Volume " + i + "\"")
			.collect(Collectors.joining(",", "{\"titles\":[", "]}"));
		assertThat(post("/authors/5/books", titles).statusCode()).isEqualTo(200);
		ReceivedSpan server = awaitServerSpan("/authors/5/books");
		assertThat(server.attribute("titles").getIntValue()).isEqualTo(25);
		List<ReceivedSpan> inserts = receiver.await(
				(span) -> span.traceId().equals(server.traceId()) && span.span().getName().equals("INSERT library"), 2);
		assertThat(inserts).extracting((span) -> span.attribute("db.operation.batch.size").getIntValue())
			.containsExactlyInAnyOrder(20L, 5L);
		assertThat(inserts).allSatisfy((span) -> assertThat(span.attribute("db.statement").getStringValue())
			.isEqualTo("insert into book (author_id,title,id) values (?,?,?)"));
	}

	@Test
	void lazyRelationsWalkedPerAuthorAreFlaggedAsNPlusOne() throws Exception {
		assertThat(get("/authors/summary").statusCode()).isEqualTo(200);
		ReceivedSpan server = receiver.awaitOne((span) -> span.span().getKind() == SpanKind.SPAN_KIND_SERVER
				&& span.hasAttribute("url.path", "/authors/summary")
				&& span.attribute("sql_n_plus_one").getBoolValue());
		assertThat(server.attribute("sql_n_plus_one_statement").getStringValue())
			.isEqualTo("select b1_0.author_id,b1_0.id,b1_0.title from book b1_0 where b1_0.author_id=?");
	}

	@Test
	void sqlSpansNameTheDatabaseOnceInTheConnectionString() throws Exception {
		get("/authors/2");
		ReceivedSpan server = awaitServerSpan("/authors/2");
		ReceivedSpan sql = receiver.awaitOne(
				(span) -> span.traceId().equals(server.traceId()) && span.span().getName().equals("SELECT library"));
		assertThat(sql.attribute("db.connection_string").getStringValue()).matches("jdbc:postgresql://localhost:\\d+");
		assertThat(sql.attribute("db.name").getStringValue()).isEqualTo("library");
		assertThat(sql.attribute("peer.service").getStringValue()).isEqualTo("library@localhost");
	}

	@Test
	void asyncStatementsRunUnderTheSpanThatHandedThemOver() throws Exception {
		HttpResponse<String> response = get("/statistics/books");
		assertThat(response.statusCode()).isEqualTo(200);
		Map<String, Object> body = JsonParserFactory.getJsonParser().parseMap(response.body());
		ReceivedSpan server = awaitServerSpan("/statistics/books");
		String xrayTraceId = "1-" + server.traceId().substring(0, 8) + "-" + server.traceId().substring(8);
		assertThat(body).containsEntry("traceId", xrayTraceId);
		assertThat((String) body.get("mdc")).startsWith(xrayTraceId + "@");
		assertThat(body.get("thread")).isNotEqualTo(body.get("requestThread"));
		ReceivedSpan count = receiver.awaitOne(
				(span) -> span.traceId().equals(server.traceId()) && span.span().getName().equals("SELECT library"));
		assertThat(count.parentSpanId()).isEqualTo(body.get("callerSpanId"));
		assertThat(count.attribute("db.statement").getStringValue()).startsWith("select count(");
	}

	@Test
	void eachScheduledRunIsATraceOfItsOwnWithItsStatements() {
		List<ReceivedSpan> runs = receiver
			.await((span) -> span.span().getName().equals("task statisticsService.refresh"), 2);
		assertThat(runs).allSatisfy((run) -> assertThat(run.parentSpanId()).isEmpty());
		Set<String> traces = runs.stream().map(ReceivedSpan::traceId).collect(Collectors.toSet());
		assertThat(traces).hasSize(runs.size());
		ReceivedSpan first = runs.get(0);
		ReceivedSpan sql = receiver.awaitOne(
				(span) -> span.traceId().equals(first.traceId()) && span.span().getName().equals("SELECT library"));
		assertThat(sql.parentSpanId()).isEqualTo(first.spanId());
	}

	@Test
	void restClientCallIsARemoteSubsegmentAndTheCatalogContinuesTheTrace() throws Exception {
		assertThat(get("/authors/3/catalog").statusCode()).isEqualTo(200);
		ReceivedSpan server = awaitServerSpan("/authors/3/catalog");
		ReceivedSpan client = receiver.awaitOne((span) -> span.span().getKind() == SpanKind.SPAN_KIND_CLIENT
				&& span.traceId().equals(server.traceId()) && span.hasAttribute("http.request.method", "GET"));
		ReceivedSpan catalog = awaitServerSpan("/catalog");
		assertThat(client.attribute("peer.service").getStringValue()).isEqualTo("localhost");
		assertThat(catalog.traceId()).isEqualTo(server.traceId());
		assertThat(catalog.parentSpanId()).isEqualTo(client.spanId());
		// no principal on the open catalog endpoint
		assertThat(catalog.attribute("enduser.id").getStringValue()).isEmpty();
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void virtualThreadsKeepTheTrace() throws Exception {
		HttpResponse<String> response = get("/statistics/books");
		Map<String, Object> body = JsonParserFactory.getJsonParser().parseMap(response.body());
		assertThat((String) body.get("requestThread")).startsWith("VirtualThread");
		assertThat((String) body.get("thread")).startsWith("VirtualThread");
		ReceivedSpan server = awaitServerSpan("/statistics/books");
		assertThat(body.get("traceId"))
			.isEqualTo("1-" + server.traceId().substring(0, 8) + "-" + server.traceId().substring(8));
	}

}
