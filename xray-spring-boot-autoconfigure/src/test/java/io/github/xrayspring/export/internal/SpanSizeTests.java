package io.github.xrayspring.export.internal;

import java.util.List;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SpanSize}.
 *
 * @author xray-spring-boot-starter team
 */
class SpanSizeTests {

	private static final Resource ORDERS = Resource.create(Attributes.of(AttributeKey.stringKey("service.name"),
			"orders", AttributeKey.stringKey("cloud.region"), "eu-west-1"));

	private static final Resource BILLING = Resource
		.create(Attributes.of(AttributeKey.stringKey("service.name"), "billing-service-with-a-longer-name"));

	@Test
	void everySpanCountsItsResourceWhetherSharedOrNot() {
		long orders = SpanSize.of(List.of(span(ORDERS)));
		long billing = SpanSize.of(List.of(span(BILLING)));
		assertThat(orders).isEqualTo(SpanSize.SPAN_OVERHEAD + "work".length() + 2 * SpanSize.ATTRIBUTE_OVERHEAD
				+ "service.name".length() + "orders".length() + "cloud.region".length() + "eu-west-1".length());
		assertThat(SpanSize.of(List.of(span(ORDERS), span(ORDERS), span(ORDERS)))).isEqualTo(3 * orders);
		assertThat(SpanSize.of(List.of(span(ORDERS), span(BILLING), span(ORDERS)))).isEqualTo(2 * orders + billing);
	}

	@Test
	void countsAttributesOfEveryType() {
		Attributes attributes = Attributes.builder()
			.put("text", "abc")
			.put("number", -1234L)
			.put("flag", false)
			.put(AttributeKey.stringArrayKey("list"), List.of("a", "bc"))
			.build();
		long bare = SpanSize.of(List.of(span(Resource.empty())));
		long size = SpanSize.of(List.of(span(Resource.empty(), attributes)));
		assertThat(size - bare).isEqualTo(4 * SpanSize.ATTRIBUTE_OVERHEAD + "text".length() + 3 + "number".length() + 5
				+ "flag".length() + 5 + "list".length() + (2 + (1 + 3) + (2 + 3)));
	}

	private static SpanData span(Resource resource) {
		return span(resource, Attributes.empty());
	}

	private static SpanData span(Resource resource, Attributes attributes) {
		return TestSpanData.builder()
			.setSpanContext(SpanContext.create("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
					TraceFlags.getSampled(), TraceState.getDefault()))
			.setName("work")
			.setKind(SpanKind.INTERNAL)
			.setStartEpochNanos(1)
			.setEndEpochNanos(2)
			.setHasEnded(true)
			.setStatus(StatusData.unset())
			.setAttributes(attributes)
			.setTotalAttributeCount(attributes.size())
			.setResource(resource)
			.build();
	}

}
