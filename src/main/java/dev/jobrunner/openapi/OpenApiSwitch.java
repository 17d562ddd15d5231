package dev.jobrunner.openapi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;

/**
 * {@code jobrunner.openapi.enabled=false} ({@code JOBRUNNER_OPENAPI_ENABLED}): {@code /openapi}
 * describes no path and no schema. The endpoint itself belongs to the server (Payara serves it
 * beside the application), so this filter, named by {@code mp.openapi.filter}, is how the
 * application turns its content off.
 */
public class OpenApiSwitch implements OASFilter {
  static final String SETTING = "jobrunner.openapi.enabled";

  @Override
  public void filterOpenAPI(OpenAPI openAPI) {
    boolean enabled =
        ConfigProvider.getConfig(OpenApiSwitch.class.getClassLoader())
            .getOptionalValue(SETTING, Boolean.class)
            .orElse(true);
    if (!enabled) {
      // Emptied rather than removed: Payara copies the document and fails on a missing collection.
      openAPI.setPaths(OASFactory.createPaths());
      openAPI.setComponents(OASFactory.createComponents());
      openAPI.setTags(new ArrayList<>());
      openAPI.setSecurity(new ArrayList<>());
      openAPI.setWebhooks(new LinkedHashMap<>());
      openAPI.getInfo().setDescription("Not published here (JOBRUNNER_OPENAPI_ENABLED=false).");
    }
  }
}
