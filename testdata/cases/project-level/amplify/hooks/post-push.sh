#!/bin/sh
echo 'pushed'
