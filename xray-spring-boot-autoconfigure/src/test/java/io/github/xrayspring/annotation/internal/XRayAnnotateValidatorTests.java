package io.github.xrayspring.annotation.internal;

import java.util.concurrent.atomic.AtomicInteger;

import io.github.xrayspring.annotation.XRayAnnotate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.aop.framework.autoproxy.AutoProxyUtils;
import org.springframework.beans.factory.FactoryBean;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link XRayAnnotateValidator}.
 *
 * @author xray-spring-boot-starter team
 */
@ExtendWith(OutputCaptureExtension.class)
class XRayAnnotateValidatorTests {

	@Test
	void doesNotInstantiateLazyFactoryBean() {
		LazyFactoryBean.created.set(0);
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		RootBeanDefinition definition = new RootBeanDefinition(LazyFactoryBean.class);
		definition.setLazyInit(true);
		beanFactory.registerBeanDefinition("lazyFactory", definition);
		new XRayAnnotateValidator(new XRayAnnotateHandler(), beanFactory).afterSingletonsInstantiated();
		assertThat(LazyFactoryBean.created).hasValue(0);
		assertThat(beanFactory.containsSingleton("lazyFactory")).isFalse();
	}

	@Test
	void checksOriginalTargetClassOfProxiedBean(CapturedOutput output) {
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		RootBeanDefinition definition = new RootBeanDefinition(Object.class);
		definition.setLazyInit(true);
		definition.setAttribute(AutoProxyUtils.ORIGINAL_TARGET_CLASS_ATTRIBUTE, Broken.class);
		beanFactory.registerBeanDefinition("broken", definition);
		new XRayAnnotateValidator(new XRayAnnotateHandler(), beanFactory).afterSingletonsInstantiated();
		assertThat(output).contains("T(java.lang.Runtime)");
	}

	static class LazyFactoryBean<T> implements FactoryBean<T> {

		static final AtomicInteger created = new AtomicInteger();

		LazyFactoryBean() {
			created.incrementAndGet();
		}

		@Override
		public T getObject() {
			throw new IllegalStateException("not expected");
		}

		@Override
		public Class<?> getObjectType() {
			return null;
		}

	}

	static class Broken {

		@XRayAnnotate(key = "runtime", value = "T(java.lang.Runtime).getRuntime()")
		void run() {
		}

	}

}
