/**
 * Facts of the containers stack that several concerns check: image references, the signature
 * verification policy ({@code containers-policy.json(5)}) and the registries configuration
 * directory ({@code containers-registries.d(5)}). Pure evaluators over parsed JSON/YAML trees: the
 * update agent judges a node's files with them, the image lint a recipe tree's.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.veilor.core.containers;
