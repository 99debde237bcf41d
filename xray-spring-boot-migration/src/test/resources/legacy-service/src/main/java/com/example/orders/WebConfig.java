package com.example.orders;

import java.net.URL;

import javax.sql.DataSource;

import com.amazonaws.xray.AWSXRay;
import com.amazonaws.xray.AWSXRayRecorderBuilder;
import com.amazonaws.xray.jakarta.servlet.AWSXRayServletFilter;
import com.amazonaws.xray.sql.TracingDataSource;
import com.amazonaws.xray.strategy.sampling.LocalizedSamplingStrategy;
import jakarta.servlet.Filter;

import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration
public class WebConfig {

	static {
		AWSXRayRecorderBuilder builder = AWSXRayRecorderBuilder.standard();
		URL ruleFile = WebConfig.class.getResource("/sampling-rules.json");
		builder.withSamplingStrategy(new LocalizedSamplingStrategy(ruleFile));
		AWSXRay.setGlobalRecorder(builder.build());
	}

	@Bean
	public Filter tracingFilter() {
		return new AWSXRayServletFilter("orders");
	}

	@Bean
	public DataSource dataSource(Environment environment) {
		return TracingDataSource.decorate(DataSourceBuilder.create()
			.url(environment.getRequiredProperty("spring.datasource.url"))
			.username(environment.getProperty("spring.datasource.username"))
			.build());
	}

}
