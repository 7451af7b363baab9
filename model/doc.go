// Package model is the contract between the Gen 1 readers and the Gen 2 writers.
//
// Readers fill a Project from the files of an Amplify Gen 1 project; writers and
// reports read it. The model knows nothing of Gen 1 JSON keys or TypeScript
// syntax: it holds what a Gen 1 backend is (its resources and their settings),
// where each setting came from (Pos), what was wrong with the input
// (Diagnostic), and what a conversion decided about each setting (Finding).
//
// Everything in a Project is ordered deterministically: resources by category
// and name, settings in source order where the user chose the order.
package model
