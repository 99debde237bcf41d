package io.github.xrayspring.autoconfigure;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;

/**
 * Describes a startup failure as Spring Boot's failure analysis prints it to the user.
 *
 * @author xray-spring-boot-starter team
 */
public final class StartupFailures {

	private StartupFailures() {
	}

	/**
	 * Returns the description the first failure analyzer that understands the failure
	 * gives, as Spring Boot reports it when an application fails to start.
	 * @param failure the startup failure
	 * @return the description
	 * @throws AssertionError if no analyzer understands the failure
	 */
	public static String describe(Throwable failure) {
		ArgumentResolver arguments = ArgumentResolver.of(Environment.class, new StandardEnvironment())
			.and(BeanFactory.class, new DefaultListableBeanFactory());
		// analyzers for libraries that are not on the test class path are skipped
		for (FailureAnalyzer analyzer : SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, arguments, FailureHandler.handleMessage((message, ex) -> {
			}))) {
			FailureAnalysis analysis = analyzer.analyze(failure);
			if (analysis != null) {
				return analysis.getDescription();
			}
		}
		throw new AssertionError("No failure analyzer describes " + failure);
	}

}
