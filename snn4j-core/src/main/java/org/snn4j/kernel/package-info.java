/**
 * The float32 contract of snn4j: the LIF step ({@link org.snn4j.kernel.LifStep}), its constants
 * ({@link org.snn4j.kernel.StepConstants}) and refractory bookkeeping
 * ({@link org.snn4j.kernel.RefractoryList}), written once as static kernels over float arrays. The
 * clock engine, the event engine and both trainers call them, so every one of them computes the same
 * floats in the same order; the equivalence tests between them stay as guards.
 */
package org.snn4j.kernel;
