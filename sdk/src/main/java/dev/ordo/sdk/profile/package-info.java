/**
 * Network profiles: the YAML/JSON file that says how to reach each organisation's gateway
 * peers and who signs, loaded and checked as a whole by
 * {@link dev.ordo.sdk.profile.NetworkProfile#load(java.nio.file.Path)}.
 */
package dev.ordo.sdk.profile;
