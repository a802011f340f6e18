package org.tradecurb.spark;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.spark.util.AccumulatorV2;

/**
 * What tasks report back to the driver beside their output, one value per key (a split, a partition). A
 * key's value arriving again — a task run twice — replaces the earlier one instead of adding to it, so
 * nothing is counted twice. Register it unnamed: the UI would print it while tasks add to it.
 */
public final class KeyedAccumulator<K, V> extends AccumulatorV2<Map.Entry<K, V>, Map<K, V>> {

  private final HashMap<K, V> values = new HashMap<>();

  @Override
  public boolean isZero() {
    return values.isEmpty();
  }

  @Override
  public KeyedAccumulator<K, V> copy() {
    KeyedAccumulator<K, V> copy = new KeyedAccumulator<>();
    copy.values.putAll(values);
    return copy;
  }

  @Override
  public void reset() {
    values.clear();
  }

  @Override
  public void add(Map.Entry<K, V> entry) {
    values.put(entry.getKey(), entry.getValue());
  }

  /** In a task: changes the value of a key (null when absent) in place. */
  public void update(K key, BiFunction<K, V, V> change) {
    values.compute(key, change);
  }

  @Override
  public void merge(AccumulatorV2<Map.Entry<K, V>, Map<K, V>> other) {
    values.putAll(other.value());
  }

  @Override
  public Map<K, V> value() {
    return values;
  }
}
