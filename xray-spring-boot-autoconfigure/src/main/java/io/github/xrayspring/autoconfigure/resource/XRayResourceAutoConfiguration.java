package io.github.xrayspring.autoconfigure.resource;

import io.github.xrayspring.autoconfigure.XRayProperties.AwsDetection;
import io.github.xrayspring.resource.internal.AwsResourceDetector;
import io.opentelemetry.sdk.resources.Resource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration that adds AWS resource attributes (per
 * {@code xray.resource.aws-detection}) to Spring Boot's OpenTelemetry {@link Resource}.
 * Spring Boot 4.1 has no resource customizer and a {@code Resource} bean of the user's
 * would replace Boot's, so the detected attributes are merged into whatever
 * {@code Resource} bean the context makes; its own attributes (service name, the
 * {@code management.opentelemetry.resource-attributes}) win on a clash.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnClass(Resource.class)
@ConditionalOnBooleanProperty(name = "xray.enabled", matchIfMissing = true)
public final class XRayResourceAutoConfiguration {

	static final String PROPERTY = "xray.resource.aws-detection";

	@Bean
	@ConditionalOnMissingBean
	static AwsResourceDetector xrayAwsResourceDetector() {
		return new AwsResourceDetector();
	}

	@Bean
	static BeanPostProcessor xrayAwsResourcePostProcessor(Environment environment,
			ObjectProvider<AwsResourceDetector> detector) {
		// binding here fails startup naming the property for an unknown value, even when
		// no Resource bean is ever made
		AwsDetection mode = Binder.get(environment).bind(PROPERTY, AwsDetection.class).orElse(AwsDetection.AUTO);
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof Resource resource && mode != AwsDetection.OFF) {
					Resource aws = detector.getObject().detect(AwsResourceDetector.Mode.valueOf(mode.name()));
					return aws.merge(resource);
				}
				return bean;
			}

		};
	}

}
