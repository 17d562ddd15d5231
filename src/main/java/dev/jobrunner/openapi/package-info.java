/**
 * The published API description: a static OpenAPI document ({@code META-INF/openapi.yaml}), served
 * by MicroProfile OpenAPI at {@code /openapi}, public like the contract it describes; {@link
 * OpenApiSwitch} empties it when {@code JOBRUNNER_OPENAPI_ENABLED=false}.
 */
package dev.jobrunner.openapi;
