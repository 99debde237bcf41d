package io.github.xrayspring.annotation.internal;

import java.io.File;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;

import io.github.xrayspring.annotation.XRayAnnotate;
import io.github.xrayspring.annotation.internal.AnnotationExpression.InvalidAnnotationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.expression.EvaluationException;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.SimpleEvaluationContext;
import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link AnnotationExpression}: which expressions are rejected before they ever
 * run, and that the evaluation context blocks the same constructs on its own.
 *
 * @author xray-spring-boot-starter team
 */
class AnnotationExpressionTests {

	private static final Method method = ReflectionUtils.findMethod(Target.class, "call", Holder.class, String.class);

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "T(java.lang.Runtime).getRuntime().exec('touch /tmp/pwned')|type references T(...)",
					"#name == null ? T(java.lang.System).exit(1) : #name|type references T(...)",
					"#holder instanceof T(java.lang.String)|type references T(...)",
					"new java.io.File('/tmp/pwned')|constructors (new)",
					"{new java.lang.ProcessBuilder('id')}|constructors (new)", "@environment|bean references",
					"&factoryBean|bean references", "#name = 'changed'|assignments", "#holder.value = 'x'|assignments",
					"#holder.count++|assignments", "--#holder.count|assignments",
					"#name.toUpperCase() == T(String).valueOf(1)|type references T(...)",
					"#fn('x')|function calls (#name(...))" })
	void rejectsForbiddenConstructsAtParseTime(String expression, String reason) {
		assertThatExceptionOfType(InvalidAnnotationException.class).isThrownBy(() -> parse(expression))
			.withMessageContaining("value = \"" + expression + "\"")
			.withMessageContaining(Target.class.getName() + ".call(Holder, String) is disabled: " + reason)
			.withMessageEndingWith("are not allowed");
	}

	@ParameterizedTest
	@ValueSource(strings = { "#name", "#holder.value", "#holder.count > 2", "#name ?: 'none'", "#holder.tags[0]",
			"#holder.tags.?[#this.length > 1]", "#holder.tags.![#this]", "#name + '-' + #holder.count", "'constant'",
			"#name matches '[a-z]+'", "#p0.count", "#a1", "#root", "{1, 2}", "#name.toUpperCase()",
			"#name?.toUpperCase()", "#holder.lines.size()", "#holder.?[#this.getClass() != null]" })
	void acceptsReadOnlyExpressions(String expression) {
		assertThat(parse(expression)).isNotNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "T(java.lang.Runtime).getRuntime()", "new java.io.File('/tmp/pwned')", "@environment",
			"#name = 'changed'", "#holder.value = 'changed'", "#name.getClass().forName('java.lang.Runtime')",
			"#name.getClass().getClassLoader()", "#holder.getClass().getDeclaredConstructor().newInstance()" })
	void evaluationContextRejectsTheSameConstructsOnItsOwn(String expression) {
		SimpleEvaluationContext context = SimpleEvaluationContext.forReadOnlyDataBinding()
			.withInstanceMethods()
			.build();
		Holder holder = new Holder();
		context.setVariable("name", "value");
		context.setVariable("holder", holder);
		assertThatExceptionOfType(EvaluationException.class)
			.isThrownBy(() -> new SpelExpressionParser().parseExpression(expression).getValue(context));
		assertThat(holder.getValue()).isEqualTo("original");
		assertThat(new File("/tmp/pwned")).doesNotExist();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "#holder.value|original", "#holder.count * 2|6", "#name|n", "#p1|n", "#a0.tags[1]|bb",
					"#holder.tags.?[#this.length > 1][0]|bb", "#root == null|true", "#holder.lines.size()|2",
					"#name?.toUpperCase()|N", "#holder.lines.get(1).length()|4", "#holder.lines.contains('one')|true" })
	void evaluatesReadOnlyExpressions(String expression, String expected) {
		Object value = parse(expression).evaluate(new Object[] { new Holder(), "n" }, null);
		assertThat(String.valueOf(value)).isEqualTo(expected);
	}

	private static AnnotationExpression parse(String expression) {
		XRayAnnotate annotation = MergedAnnotation.of(XRayAnnotate.class, Map.of("key", "key", "value", expression))
			.synthesize();
		return AnnotationExpression.parse(annotation, method, new String[] { "holder", "name" });
	}

	static class Target {

		String call(Holder holder, String name) {
			return name;
		}

	}

	public static class Holder {

		private String value = "original";

		private int count = 3;

		public String getValue() {
			return this.value;
		}

		public void setValue(String value) {
			this.value = value;
		}

		public int getCount() {
			return this.count;
		}

		public void setCount(int count) {
			this.count = count;
		}

		public String[] getTags() {
			return new String[] { "a", "bb" };
		}

		public List<String> getLines() {
			return List.of("one", "four");
		}

	}

}
