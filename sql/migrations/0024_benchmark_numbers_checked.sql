-- DfE numbers are positive, as the datasets' rules say (api/src/import/datasets.ts): the tables refuse
-- anything else too, whoever writes to them.
ALTER TABLE authority ADD CONSTRAINT authority_la_number_positive CHECK (la_number >= 1);
ALTER TABLE benchmark_values ADD CONSTRAINT benchmark_values_la_number_positive CHECK (la_number >= 1);
ALTER TABLE statistical_neighbours
  ADD CONSTRAINT statistical_neighbours_la_number_positive CHECK (la_number >= 1),
  ADD CONSTRAINT statistical_neighbours_neighbour_positive CHECK (neighbour_la_number >= 1);
