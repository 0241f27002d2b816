/**
 * Reading one feature block's non-zeros back from a scratch row, shared by the CSR transform of
 * a table (pipeline.ts) and of one served record (transformRecord.ts), so both give the same
 * non-zeros in the same order (docs/design.md "Sparse features").
 */

/** Where a block sits in the feature row. */
export interface BlockPlacement {
  /** First feature column of the block, and its width. */
  offset: number;
  width: number;
  /** The missing indicator's cell relative to the block (always its last cell), or -1. */
  indicator: number;
}

/**
 * Hands the non-zero cells of a block, in increasing column order, to push(column, value) and
 * zeroes them in `scratch`, where block cell c sits at scratch[start + c]. `hot` is the one cell
 * a one-hot, hashed or crossed block sets, relative to the block: then only it and the indicator
 * are read, so a 2^18-bucket block costs a few operations, not 2^18; -1 reads every cell.
 */
export function takeBlockCells(
  block: BlockPlacement,
  hot: number,
  scratch: Float32Array,
  start: number,
  push: (column: number, value: number) => void,
): void {
  const take = (cell: number) => {
    const v = scratch[start + cell]!;
    if (v === 0) return;
    push(block.offset + cell, v);
    scratch[start + cell] = 0;
  };
  if (hot < 0) {
    for (let cell = 0; cell < block.width; cell++) take(cell);
    return;
  }
  take(hot);
  if (block.indicator >= 0 && block.indicator !== hot) take(block.indicator);
}
