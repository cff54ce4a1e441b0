-- Raw records and article characters in the warehouse (the bench's denominators).
SELECT sum(records) AS records, (SELECT sum(char_count) FROM articles) AS chars FROM dumps;
