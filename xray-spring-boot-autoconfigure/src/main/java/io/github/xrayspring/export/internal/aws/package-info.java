/**
 * SigV4-signed OTLP export straight to the X-Ray endpoint; the only classes that need the
 * AWS SDK's signer, credential and region modules. Not API: may change in any release.
 */
@NullMarked
package io.github.xrayspring.export.internal.aws;

import org.jspecify.annotations.NullMarked;
