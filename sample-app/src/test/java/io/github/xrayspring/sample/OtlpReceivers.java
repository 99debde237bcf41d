package io.github.xrayspring.sample;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Starts {@link OtlpReceiver}s for test classes.
 *
 * @author xray-spring-boot-starter team
 */
final class OtlpReceivers {

	private OtlpReceivers() {
	}

	static OtlpReceiver start() {
		try {
			return new OtlpReceiver();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
