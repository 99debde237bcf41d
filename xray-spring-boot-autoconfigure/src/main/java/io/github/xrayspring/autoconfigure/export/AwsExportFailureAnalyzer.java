package io.github.xrayspring.autoconfigure.export;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports an {@link AwsExportSetupException} with the property or the artifacts to add.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
class AwsExportFailureAnalyzer extends AbstractFailureAnalyzer<AwsExportSetupException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, AwsExportSetupException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.getAction(), cause);
	}

}
