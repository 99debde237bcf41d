package io.github.xrayspring.autoconfigure.export;

/**
 * Thrown at startup when {@code xray.exporter.type=aws} cannot work: the AWS SDK modules
 * are missing or no region is known. {@link AwsExportFailureAnalyzer} turns it into
 * Spring Boot's failure report.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public class AwsExportSetupException extends RuntimeException {

	private final String action;

	AwsExportSetupException(String description, String action) {
		super(description);
		this.action = action;
	}

	/**
	 * Returns what the user should do.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

}
