package io.rendermesh.protocol.model;

/** One file of a job bundle: its path relative to the bundle root, content hash and size. */
public record BundleEntry(String path, String sha256, long size) {
}
