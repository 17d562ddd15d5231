package dev.jobrunner;

import dev.jobrunner.security.Permissions;
import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/**
 * The REST application. It must be a CDI bean: Payara ignores {@link LoginConfig} otherwise and
 * every request would be 401.
 */
@ApplicationScoped
@ApplicationPath("")
@LoginConfig(authMethod = "MP-JWT")
@DeclareRoles({Permissions.READ, Permissions.WRITE, Permissions.ADMIN})
public class JobRunnerApplication extends Application {}
