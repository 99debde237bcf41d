package io.github.xrayspring.sampling.internal;

/**
 * Thrown when an X-Ray sampling rules document cannot be used; the message names the
 * location and, for JSON, the path, line and column of the problem.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public class InvalidSamplingRulesException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates a new exception.
	 * @param message what is wrong and where
	 * @param cause the cause, if any
	 */
	public InvalidSamplingRulesException(String message, Throwable cause) {
		super(message, cause);
	}

}
