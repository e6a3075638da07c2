/**
 * Organisation certificate authorities: roots, intermediates, identity and TLS certificates, CSR enrolment and CRLs.
 */
package dev.ordo.membership.ca;
