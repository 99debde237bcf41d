/**
 * Auto-configuration for AWS SDK for Java v2 calls as X-Ray {@code aws} subsegments.
 */
@NullMarked
package io.github.xrayspring.autoconfigure.awssdk;

import org.jspecify.annotations.NullMarked;
