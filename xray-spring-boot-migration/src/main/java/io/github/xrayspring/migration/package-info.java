/**
 * OpenRewrite recipes that move a service from the AWS X-Ray SDK for Java to the starter.
 * The composite recipe is {@code io.github.xrayspring.migration.MigrateFromXRaySdk}.
 */
@NullMarked
package io.github.xrayspring.migration;

import org.jspecify.annotations.NullMarked;
