/**
 * AWS SDK for Java v2 calls as spans: a global execution interceptor that every client
 * loads and that hands each call to OpenTelemetry's AWS SDK instrumentation once the
 * application has started it.
 * <p>
 * <strong>Internal:</strong> not API. Nothing here is covered by the project's
 * compatibility promise; types, methods and behaviour may change in any release without
 * notice. Use the {@code xray.aws-sdk.*} properties instead.
 */
@NullMarked
package io.github.xrayspring.awssdk.internal;

import org.jspecify.annotations.NullMarked;
