/**
 * TLS material for gRPC servers and clients, mutual TLS included.
 */
package dev.ordo.membership.tls;
