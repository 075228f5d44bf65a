package org.veilor.enrol.internal;

/**
 * What the servlets serve, published by {@link EnrolmentComponent} while it runs. The servlets
 * themselves stay registered when it does not (reconfigured, database switched, Headscale not
 * configured): they answer 503 then, which Misskey retries, instead of Jetty's 404, which Misskey
 * would take as final and drop the signup.
 */
interface EnrolmentHttp {

    WebhookHandler webhook();

    PageHandler pages();
}
