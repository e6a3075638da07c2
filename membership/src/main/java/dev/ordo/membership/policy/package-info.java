/**
 * Fabric's signature policy language, its backtracking evaluator and a channel's named and implicit-meta policies.
 */
package dev.ordo.membership.policy;
