package org.veilor.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of PID {@code org.veilor.core.database}: the one JDBC DataSource of an instance. */
@ObjectClassDefinition(name = "Veilor database",
        description = "The JDBC DataSource that enrolment records and the seed index live in: H2 embedded by default, PostgreSQL when one machine is outgrown. Registered as a javax.sql.DataSource service with veilor.db=default.")
public @interface DatabaseConfig {

    @AttributeDefinition(name = "JDBC URL",
            description = "jdbc:h2:file:... (embedded, in the Karaf data folder by default) or jdbc:postgresql://host:port/db. ${karaf.data} is expanded.")
    String url() default "jdbc:h2:file:${karaf.data}/veilor/db/veilor;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    @AttributeDefinition(name = "User", description = "Database user.")
    String user() default "veilor";

    @AttributeDefinition(name = "Password file",
            description = "File holding the database password (never the password itself in this configuration). Empty: no password, which only suits the embedded H2 file, protected by its folder's 0700 mode.")
    String passwordFile() default "";

    @AttributeDefinition(name = "Pool size", description = "Maximum number of pooled connections.", min = "1", max = "64")
    int poolSize() default 8;

    @AttributeDefinition(name = "Connection timeout (s)",
            description = "How long a caller waits for a connection before an error.", min = "1", max = "300")
    int connectionTimeoutSeconds() default 10;
}
