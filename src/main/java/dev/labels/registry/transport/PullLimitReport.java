package dev.labels.registry.transport;

/**
 * What a registry said about its pull limit when asked ({@link RegistryClient#pullLimit}).
 *
 * @param host  the host[:port] that answered and counts the pulls: Docker Hub's registry-1.docker.io, or a mirror
 * @param quota what it said, which says nothing ({@link PullQuota#reported()} is false) when it reports no limit
 */
public record PullLimitReport(String host, PullQuota quota) {
}
