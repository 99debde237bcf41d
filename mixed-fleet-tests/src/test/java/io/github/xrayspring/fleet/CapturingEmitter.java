package io.github.xrayspring.fleet;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.amazonaws.xray.emitters.Emitter;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.Subsegment;

import static org.assertj.core.api.Assertions.fail;

/**
 * An X-Ray SDK {@link Emitter} that keeps the segment documents in memory instead of
 * sending them to a daemon over UDP.
 *
 * @author xray-spring-boot-starter team
 */
final class CapturingEmitter extends Emitter {

	private final List<String> documents = new CopyOnWriteArrayList<>();

	@Override
	public boolean sendSegment(Segment segment) {
		this.documents.add(segment.serialize());
		return true;
	}

	@Override
	public boolean sendSubsegment(Subsegment subsegment) {
		this.documents.add(subsegment.streamSerialize());
		return true;
	}

	/**
	 * Returns the documents of a trace sent so far.
	 * @param traceId the X-Ray trace ID
	 * @return the documents
	 */
	List<String> documents(String traceId) {
		return this.documents.stream()
			.filter((document) -> document.contains("\"trace_id\":\"" + traceId + "\""))
			.toList();
	}

	/**
	 * Waits for the segment document of a trace: the SDK sends it after the response.
	 * @param traceId the X-Ray trace ID
	 * @return the document
	 */
	String awaitSegment(String traceId) {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (System.nanoTime() < deadline) {
			List<String> documents = documents(traceId);
			if (!documents.isEmpty()) {
				return documents.get(0);
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		return fail("The SDK sent no segment for trace %s; it sent %s", traceId, this.documents);
	}

}
