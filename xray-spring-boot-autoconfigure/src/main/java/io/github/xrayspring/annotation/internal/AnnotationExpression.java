package io.github.xrayspring.annotation.internal;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.xrayspring.annotation.XRayAnnotate;
import io.github.xrayspring.annotation.XRayAnnotate.Phase;
import org.jspecify.annotations.Nullable;

import org.springframework.expression.Expression;
import org.springframework.expression.ParseException;
import org.springframework.expression.spel.SpelNode;
import org.springframework.expression.spel.ast.Assign;
import org.springframework.expression.spel.ast.BeanReference;
import org.springframework.expression.spel.ast.ConstructorReference;
import org.springframework.expression.spel.ast.FunctionReference;
import org.springframework.expression.spel.ast.OpDec;
import org.springframework.expression.spel.ast.OpInc;
import org.springframework.expression.spel.ast.TypeReference;
import org.springframework.expression.spel.ast.VariableReference;
import org.springframework.expression.spel.standard.SpelExpression;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.SimpleEvaluationContext;
import org.springframework.util.ClassUtils;

/**
 * One {@link XRayAnnotate} of one method, parsed and checked once: its expression and the
 * variables it reads, bound to argument positions.
 *
 * @author xray-spring-boot-starter team
 */
final class AnnotationExpression {

	private static final SpelExpressionParser PARSER = new SpelExpressionParser();

	// build() only reads the builder: each call gets a fresh context sharing one
	// accessor;
	// instance methods of the values as Micrometer's @SpanTag allows (#lines.size()),
	// never
	// static methods or methods of Class objects
	private static final SimpleEvaluationContext.Builder CONTEXT_BUILDER = SimpleEvaluationContext
		.forReadOnlyDataBinding()
		.withInstanceMethods();

	private static final String RESULT = "result";

	private static final int RESULT_INDEX = -1;

	private final String key;

	private final Phase phase;

	private final Expression expression;

	private final String[] variables;

	private final int[] indexes;

	private final boolean usesResult;

	private final String description;

	private final AtomicBoolean warned = new AtomicBoolean();

	private AnnotationExpression(XRayAnnotate annotation, Expression expression, String[] variables, int[] indexes,
			String description) {
		this.key = annotation.key();
		this.phase = annotation.when();
		this.expression = expression;
		this.variables = variables;
		this.indexes = indexes;
		this.usesResult = Arrays.stream(indexes).anyMatch((index) -> index == RESULT_INDEX);
		this.description = description;
	}

	/**
	 * Parses and checks an annotation.
	 * @param annotation the annotation
	 * @param method the annotated method, whose return type is checked
	 * @param parameterNames the parameter names of the method that declares the
	 * annotation, or {@code null} when unknown
	 * @return the parsed annotation
	 * @throws InvalidAnnotationException when the annotation can never record anything
	 */
	static AnnotationExpression parse(XRayAnnotate annotation, Method method, String @Nullable [] parameterNames) {
		String description = describe(annotation, method);
		if (annotation.key().isBlank()) {
			throw new InvalidAnnotationException(description, "the key is empty");
		}
		SpelExpression expression;
		try {
			expression = PARSER.parseRaw(annotation.value());
		}
		catch (ParseException ex) {
			throw new InvalidAnnotationException(description, "the expression does not parse: " + ex.getMessage());
		}
		Set<String> names = new LinkedHashSet<>();
		check(expression.getAST(), names, description);
		List<String> variables = new ArrayList<>();
		List<Integer> indexes = new ArrayList<>();
		for (String name : names) {
			// SpEL resolves #root and #this itself
			if (!name.equals("root") && !name.equals("this")) {
				variables.add(name);
				indexes.add(indexOf(name, annotation, method, parameterNames, description));
			}
		}
		return new AnnotationExpression(annotation, expression, variables.toArray(String[]::new),
				indexes.stream().mapToInt(Integer::intValue).toArray(), description);
	}

	private static void check(SpelNode node, Set<String> variables, String description) {
		String forbidden = forbidden(node);
		if (forbidden != null) {
			throw new InvalidAnnotationException(description, forbidden + " are not allowed");
		}
		if (node instanceof VariableReference) {
			variables.add(node.toStringAST().substring(1));
		}
		for (int i = 0; i < node.getChildCount(); i++) {
			check(node.getChild(i), variables, description);
		}
	}

	private static @Nullable String forbidden(SpelNode node) {
		if (node instanceof TypeReference) {
			return "type references T(...)";
		}
		if (node instanceof ConstructorReference) {
			return "constructors (new)";
		}
		if (node instanceof BeanReference) {
			return "bean references (@name, &name)";
		}
		if (node instanceof Assign || node instanceof OpInc || node instanceof OpDec) {
			return "assignments";
		}
		if (node instanceof FunctionReference) {
			return "function calls (#name(...))";
		}
		return null;
	}

	private static int indexOf(String name, XRayAnnotate annotation, Method method, String @Nullable [] parameterNames,
			String description) {
		if (name.equals(RESULT)) {
			if (annotation.when() == Phase.BEFORE) {
				throw new InvalidAnnotationException(description, "#result is only available with when = AFTER");
			}
			if (method.getReturnType() == void.class) {
				throw new InvalidAnnotationException(description, "#result is used but the method returns void");
			}
			return RESULT_INDEX;
		}
		if (parameterNames != null) {
			for (int i = 0; i < parameterNames.length; i++) {
				if (name.equals(parameterNames[i])) {
					return i;
				}
			}
		}
		int position = position(name);
		if (position >= 0 && position < method.getParameterCount()) {
			return position;
		}
		String known = (parameterNames != null) ? Arrays.toString(parameterNames)
				: "unknown (compile with -parameters, or use #p0, #p1, ...)";
		throw new InvalidAnnotationException(description,
				"#" + name + " is not a parameter of the method; its parameters are " + known);
	}

	private static int position(String name) {
		if (name.length() > 1 && (name.charAt(0) == 'p' || name.charAt(0) == 'a')) {
			try {
				return Integer.parseInt(name.substring(1));
			}
			catch (NumberFormatException ex) {
				return -1;
			}
		}
		return -1;
	}

	private static String describe(XRayAnnotate annotation, Method method) {
		String parameters = String.join(", ",
				Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName).toList());
		return "@XRayAnnotate(key = \"" + annotation.key() + "\", value = \"" + annotation.value() + "\") on "
				+ ClassUtils.getQualifiedMethodName(method) + "(" + parameters + ")";
	}

	String getKey() {
		return this.key;
	}

	Phase getPhase() {
		return this.phase;
	}

	boolean usesResult() {
		return this.usesResult;
	}

	String getDescription() {
		return this.description;
	}

	/**
	 * Evaluates the expression.
	 * @param arguments the method arguments
	 * @param result the return value, {@code null} before the call or after an exception
	 * @return the value
	 */
	@Nullable Object evaluate(@Nullable Object[] arguments, @Nullable Object result) {
		SimpleEvaluationContext context = CONTEXT_BUILDER.build();
		for (int i = 0; i < this.variables.length; i++) {
			int index = this.indexes[i];
			context.setVariable(this.variables[i], (index != RESULT_INDEX) ? arguments[index] : result);
		}
		return this.expression.getValue(context);
	}

	/**
	 * Returns whether this is the first failure of the annotation, so that it is logged
	 * once.
	 * @return whether to log
	 */
	boolean firstFailure() {
		return !this.warned.get() && this.warned.compareAndSet(false, true);
	}

	/**
	 * An annotation that can never record anything.
	 */
	static final class InvalidAnnotationException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		InvalidAnnotationException(String description, String reason) {
			super(description + " is disabled: " + reason);
		}

	}

}
