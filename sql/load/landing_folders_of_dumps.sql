-- The landing folders the warehouse's dumps were read from, with the number of dumps of each: dumps.path is the
-- path a dump was read from, dumps.file_key the same path relative to its landing folder.
SELECT left(path, length(path) - length(file_key) - 1) AS folder, count(*) AS dumps
FROM dumps
WHERE suffix(path, '/' || file_key)
GROUP BY folder
ORDER BY folder;
