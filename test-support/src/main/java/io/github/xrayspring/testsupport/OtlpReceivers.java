package io.github.xrayspring.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Starts {@link OtlpReceiver}s for test classes.
 *
 * @author xray-spring-boot-starter team
 */
public final class OtlpReceivers {

	private OtlpReceivers() {
	}

	/**
	 * Returns the receiver shared by the end-to-end tests of this JVM, so that their
	 * application contexts can be cached and reused.
	 * @return the shared receiver
	 */
	public static OtlpReceiver shared() {
		return Shared.RECEIVER;
	}

	/**
	 * Starts a receiver of its own for a test class.
	 * @return the receiver
	 */
	public static OtlpReceiver start() {
		try {
			return new OtlpReceiver();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static final class Shared {

		static final OtlpReceiver RECEIVER = start();

		static {
			Runtime.getRuntime().addShutdownHook(new Thread(RECEIVER::close));
		}

	}

}
